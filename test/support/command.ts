// Runs one CLI command in this process (no build needed) and returns what it printed on stdout.
import { Command } from 'commander';
import { vi } from 'vitest';

export async function runCommand(
  register: (parent: Command) => void,
  group: string,
  args: string[],
): Promise<string> {
  const program = new Command('onderstroom').exitOverride();
  register(program.command(group));
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'onderstroom', group, ...args]);
  } finally {
    write.mockRestore();
  }
  return chunks.join('');
}
