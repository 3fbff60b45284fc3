// HTML (Mastodon statuses, RSS descriptions) to plain text: links keep their text, not their target; images and
// scripts go; paragraphs become blank lines. Compiled once, since every polled item passes through it.
import { compile } from 'html-to-text';

const convert = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  return convert(html).trim();
}
