/** Entry point of the bundled CLI. */
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`flowmap: internal error\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
