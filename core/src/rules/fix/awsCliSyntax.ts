// Parse a printed AWS CLI command as a POSIX shell would (argv), and check it against the CLI v2 reference:
// known subcommand, known options, a value for every option that takes one, none for a switch, the required
// options present. Unquoted shell metacharacters (a `<placeholder>` is a redirection) are errors.
import { AWS_CLI_COMMANDS, GLOBAL_OPTIONS, GLOBAL_SWITCHES } from './awsCliReference.ts';

// Also glob characters: unquoted, the shell would expand them.
const METACHARACTERS = /[<>|;&`$(){}*?[\]]/;

/** argv of a one-line shell command: single quotes literal, double quotes and backslashes as in sh. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' at ${i}`);
      word += command.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && j + 1 < command.length) j++;
        if (command[j] === '$' || command[j] === '`') throw new Error(`expansion inside "…" at ${j}`);
        word += command[j];
      }
      if (j >= command.length) throw new Error(`unterminated " at ${i}`);
      i = j;
      inWord = true;
    } else if (c === '\\') {
      word += command[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (METACHARACTERS.test(c)) {
      throw new Error(`unquoted shell metacharacter ${c} at ${i}`);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Problems with the command as AWS CLI v2 syntax; empty when it is valid. */
export function awsCliProblems(command: string): string[] {
  // A fix may be a short script: a shell comment is a step for the reader, `> file` saves the output.
  if (command.startsWith('# ')) return [];
  const redirected = /\s>\s*[\w./-]+$/.exec(command);
  let argv: string[];
  try {
    argv = shellWords(redirected ? command.slice(0, redirected.index) : command);
  } catch (error) {
    return [(error as Error).message];
  }
  if (argv[0] !== 'aws') return [`does not start with "aws": ${argv[0] ?? ''}`];
  const name = `${argv[1] ?? ''} ${argv[2] ?? ''}`;
  const spec = AWS_CLI_COMMANDS[name];
  if (!spec) return [`unknown subcommand "${name}" (not in the reference list)`];
  const options = new Set([...spec.options, ...GLOBAL_OPTIONS]);
  const switches = new Set([...(spec.switches ?? []), ...GLOBAL_SWITCHES]);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let i = 3; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      problems.push(`unexpected positional argument "${arg}"`);
      continue;
    }
    if (seen.has(arg)) problems.push(`${arg} given twice`);
    seen.add(arg);
    if (switches.has(arg)) continue;
    let values = 0;
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      i++;
      values++;
    }
    if (!options.has(arg)) problems.push(`${name} has no option ${arg}`);
    else if (values === 0) problems.push(`${arg} needs a value`);
  }
  for (const req of spec.required ?? []) {
    if (!req.split('|').some((r) => seen.has(r))) problems.push(`${name} requires ${req}`);
  }
  return problems;
}
