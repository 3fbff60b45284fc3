// Reads the /grafana endpoint contract (services/api/routes/grafana/README.md) and checks a query URL against it,
// so a dashboard that asks for an endpoint, parameter, value or column the API does not promise fails a test.

export interface ContractEndpoint {
  path: string;
  /** Parameter name -> allowed values, or null when any value (an id, a time) is allowed. */
  params: Map<string, string[] | null>;
  /** Keys of each row the endpoint returns. */
  columns: string[];
}

export type GrafanaContract = Map<string, ContractEndpoint>;

const PIPE = '\u0000';

function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
}

// "`5m`, `1h`, `1d` or `auto`" -> the values; anything with prose in it is not an enumeration.
function enumeration(text: string): string[] | null {
  const trimmed = text.trim().replace(/\.$/, '');
  if (!/^`[^`]+`(?:(?:,\s*|\s+or\s+)`[^`]+`)*$/.test(trimmed)) return null;
  return codeSpans(trimmed);
}

function commonParameters(markdown: string): Map<string, string[] | null> {
  const params = new Map<string, string[] | null>();
  const start = markdown.indexOf('Common query parameters:');
  if (start < 0) return params;
  // A bullet may continue on indented lines; join them first, or the list would end at the first wrap.
  const bullets: string[] = [];
  for (const line of markdown.slice(start).split('\n').slice(1)) {
    if (line.trim() === '') {
      if (bullets.length > 0) break;
      continue;
    }
    if (/^\s+\S/.test(line) && bullets.length > 0) bullets[bullets.length - 1] += ` ${line.trim()}`;
    else if (line.startsWith('- ')) bullets.push(line);
    else break;
  }
  for (const line of bullets) {
    const bullet = /^- (.+?): (.*)$/.exec(line);
    if (bullet === null) break;
    const names = codeSpans(bullet[1] ?? '');
    const description = bullet[2] ?? '';
    const beforeRemark = description.split(' (')[0] ?? '';
    for (const name of names) params.set(name, enumeration(beforeRemark));
  }
  return params;
}

/** Parses the endpoint table and the common parameter list of the contract README. */
export function parseGrafanaContract(markdown: string): GrafanaContract {
  const common = commonParameters(markdown);
  const contract: GrafanaContract = new Map();
  for (const line of markdown.split('\n')) {
    if (!/^\|\s*`\/grafana\//.test(line)) continue;
    const cells = line
      .replaceAll('\\|', PIPE)
      .split('|')
      .map((cell) => cell.trim().replaceAll(PIPE, '|'))
      .filter((cell, index, all) => index > 0 && index < all.length - 1);
    const [endpointCell = '', rowsCell = ''] = cells;
    const endpoint = codeSpans(endpointCell)[0] ?? '';
    const [path = '', query = ''] = endpoint.split('?');
    const params = new Map<string, string[] | null>();
    for (const pair of query === '' ? [] : query.split('&')) {
      const [name = '', values = ''] = pair.split('=');
      params.set(name, values === '' ? (common.get(name) ?? null) : values.split('|'));
    }
    // "`metric` is `volume`, `negative_share` ... or `anomaly`" in the rows column narrows a parameter.
    for (const match of rowsCell.matchAll(/`(\w+)` is ((?:`[^`]+`)(?:(?:,\s*|\s+or\s+)`[^`]+`)*)/g)) {
      const name = match[1] ?? '';
      if (params.has(name)) params.set(name, codeSpans(match[2] ?? ''));
    }
    const rowShape = codeSpans(rowsCell).find((span) => span.startsWith('{')) ?? '{}';
    const columns = rowShape
      .slice(1, -1)
      .split(',')
      .map((part) => (part.split(':')[0] ?? '').trim())
      .filter((name) => name !== '');
    contract.set(path, { path, params, columns });
  }
  return contract;
}

export interface QueryToCheck {
  url: string;
  columns: ReadonlyArray<{ selector: string }>;
}

/** Dashboard variable name -> the values it can take, or null when they come from the API at run time. */
export type VariableValues = Record<string, string[] | null>;

const VARIABLE = /^\$\{(\w+)(?::\w+)?\}$/;

/** Everything about one query the contract does not allow; empty when it conforms. */
export function contractProblems(
  query: QueryToCheck,
  contract: GrafanaContract,
  variables: VariableValues = {},
): string[] {
  const problems: string[] = [];
  const [path = '', search = ''] = query.url.split('?');
  const endpoint = contract.get(path);
  if (endpoint === undefined) return [`${path} is not an endpoint of the contract`];
  const seen = new Set<string>();
  for (const pair of search === '' ? [] : search.split('&')) {
    const [name = '', value = ''] = pair.split('=');
    if (seen.has(name)) problems.push(`${path}: parameter ${name} given twice`);
    seen.add(name);
    if (!endpoint.params.has(name)) {
      problems.push(`${path}: parameter ${name} is not in the contract`);
      continue;
    }
    const allowed = endpoint.params.get(name) ?? null;
    if (allowed === null) continue;
    const variable = VARIABLE.exec(value)?.[1];
    if (variable === undefined) {
      if (!allowed.includes(value))
        problems.push(`${path}: ${name}=${value} is not one of ${allowed.join(', ')}`);
      continue;
    }
    const possible = variables[variable];
    if (possible === undefined || possible === null) {
      problems.push(
        `${path}: ${name} takes ${allowed.join(', ')} but is fed by $${variable}, whose values are open`,
      );
      continue;
    }
    for (const option of possible) {
      if (!allowed.includes(option))
        problems.push(`${path}: $${variable} can be ${option}, not a valid ${name}`);
    }
  }
  for (const { selector } of query.columns) {
    if (!endpoint.columns.includes(selector))
      problems.push(`${path}: column ${selector} is not in the contract`);
  }
  return problems;
}
