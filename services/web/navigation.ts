// The layout's navigation: every module adds its pages here with the roles that may see them.
import type { User, UserRole } from '../users/user.js';

export interface NavigationItem {
  href: string;
  /** Dutch, as the menu shows it. */
  label: string;
  /** Who sees the item; empty for everyone signed in. */
  roles: readonly UserRole[];
  /** One Dutch line for the start page. */
  description?: string;
}

export class Navigation {
  private readonly items: NavigationItem[] = [];

  add(item: NavigationItem): void {
    if (this.items.some((known) => known.href === item.href)) {
      throw new Error(`navigation already has a page at ${item.href}`);
    }
    this.items.push(item);
  }

  for(user: User, currentPath: string): (NavigationItem & { current: boolean })[] {
    return this.items
      .filter((item) => item.roles.length === 0 || item.roles.includes(user.role))
      .map((item) => ({ ...item, current: item.href === currentPath }));
  }
}
