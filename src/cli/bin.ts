/** Entry point of the bundled CLI. */
import { main } from "./main.js";

// `flowmap check | head`: the reader went away. That is the user's choice, not a crash; stop quietly
// (exit 2, not 0, since the output was cut short). Other stream errors are real and reported.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(2);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`flowmap: internal error\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
