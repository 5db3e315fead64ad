/** The `flowmap` command line. Exit codes: 0 ok, 1 findings (or a failed --check), 2 usage,
 *  unreadable input or an internal failure. Heavy modules load only in the commands that need them. */
import { UsageError } from "./args.js";
import { ConfigError } from "./config.js";
import { InputError } from "./workspace.js";
import { ioMessage } from "./files.js";
import { MapRenderError } from "../render/errors.js";
import { didYouMean } from "../util/suggest.js";
import { commands, mainHelp, version } from "./commands.js";
import { bugsUrl } from "../package-info.js";

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic && !commands[topic]) {
      process.stderr.write(`flowmap help: unknown command \`${topic}\`${didYouMean(topic, Object.keys(commands))}\nRun \`flowmap --help\` for the list.\n`);
      return 2;
    }
    process.stdout.write(`${topic ? commands[topic]!.help() : mainHelp()}\n`);
    return 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const what = name.startsWith("-") ? "option" : "command";
    const candidates = name.startsWith("-") ? ["--help", "--version"] : [...Object.keys(commands), "help"];
    process.stderr.write(`flowmap: unknown ${what} \`${name}\`${didYouMean(name, candidates)}\nRun \`flowmap --help\` for the commands and options.\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${command.help()}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`flowmap ${name}: ${e.message}\nRun \`flowmap ${name} --help\` for usage.\n`);
      return 2;
    }
    if (e instanceof InputError || e instanceof ConfigError || e instanceof MapRenderError) {
      process.stderr.write(`flowmap ${name}: ${e.message}\n`);
      return 2;
    }
    // A file system failure that no command caught is still an I/O failure, not a bug: one line.
    const io = e as NodeJS.ErrnoException;
    if (io && typeof io.code === "string" && typeof io.syscall === "string") {
      process.stderr.write(`flowmap ${name}: ${ioMessage({ rename: "replace", mkdir: "create the directory", scandir: "read the directory" }[io.syscall] ?? io.syscall, io.path ?? "", io)}\n`);
      return 2;
    }
    process.stderr.write(`flowmap ${name}: internal error (this is a bug in flowmap, please report it at ${bugsUrl})\n${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

