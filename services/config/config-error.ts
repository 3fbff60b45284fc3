/** A configuration problem found at start-up. It carries every problem, so one run lists them all. */
export class ConfigError extends Error {
  constructor(
    readonly origin: string,
    readonly problems: string[],
  ) {
    super(
      `${origin} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}
