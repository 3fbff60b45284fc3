// A one-line progress bar on stderr, only when stderr is a terminal; redrawn at most ten times a second.
export interface ProgressBar {
  update(done: number, total: number, note: string): void;
  finish(): void;
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, width = 30): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(done, total, note) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(share * width);
      stream.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${note}\u001b[K`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
