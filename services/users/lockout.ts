// The lockout rule as a plain function: after `perUser` failures for one name within the window, that name is
// locked until the oldest of those failures leaves the window; likewise `perAddress` failures from one address.
export interface LockoutRule {
  perUser: number;
  perAddress: number;
  windowMs: number;
}

export function lockedUntil(
  rule: LockoutRule,
  failures: { byName: readonly Date[]; byAddress: number },
  now: Date,
): { until: Date; by: 'user' | 'address' } | null {
  if (failures.byName.length >= rule.perUser) {
    const counted = failures.byName[failures.byName.length - rule.perUser]!;
    const until = new Date(counted.getTime() + rule.windowMs);
    if (until > now) return { until, by: 'user' };
  }
  // The address count carries no times: the address stays locked for a whole window after its last failure.
  if (failures.byAddress >= rule.perAddress)
    return { until: new Date(now.getTime() + rule.windowMs), by: 'address' };
  return null;
}
