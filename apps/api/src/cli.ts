import 'reflect-metadata';
import { runCli } from './cli/run-cli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
