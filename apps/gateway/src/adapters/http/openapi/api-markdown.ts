// Reads the routes and shapes out of docs/API.md, so a test can hold the
// OpenAPI document to the page frontend teams read. The page's shorthand:
// `{a, b?, c: {d}, e: [{f}], g: "x" | "y"}`, `b?` being optional.

export interface ShapeField {
  name: string;
  optional: boolean;
  fields?: ShapeField[];
  literals?: string[];
}

export interface DocumentedRoute {
  method: string;
  path: string;
  query: string[];
  section: string;
  noAuth: boolean;
  requestBody?: ShapeField[];
  response?: { status?: number; fields: ShapeField[] };
  statuses: number[];
}

const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) (\/\S+)$/;

/** The page's list items, each joined onto one line, by the `## ` section they are in. */
function listItems(markdown: string): { section: string; text: string }[] {
  const items: { section: string; text: string }[] = [];
  let section = "";
  for (const line of markdown.split("\n")) {
    if (line.startsWith("## ")) section = line.slice(3).trim();
    else if (line.startsWith("- ")) items.push({ section, text: line.slice(2) });
    else if (/^\s+\S/.test(line) && items.length) items[items.length - 1]!.text += ` ${line.trim()}`;
  }
  return items;
}

const spansOf = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);

export function parseShape(source: string): ShapeField[] {
  let at = 0;
  const skipSpace = () => {
    while (source[at] === " ") at += 1;
  };
  const expect = (char: string) => {
    skipSpace();
    if (source[at] !== char) throw new Error(`expected "${char}" at ${at} in ${source}`);
    at += 1;
  };
  const literals = (): string[] => {
    const found: string[] = [];
    for (;;) {
      skipSpace();
      const match = /^"([^"]*)"/.exec(source.slice(at));
      if (!match) throw new Error(`expected a "literal" at ${at} in ${source}`);
      found.push(match[1]!);
      at += match[0].length;
      skipSpace();
      if (source[at] !== "|") return found;
      at += 1;
    }
  };
  const object = (): ShapeField[] => {
    expect("{");
    const fields: ShapeField[] = [];
    for (;;) {
      skipSpace();
      const match = /^([A-Za-z]+)(\??)/.exec(source.slice(at));
      if (!match) throw new Error(`expected a field name at ${at} in ${source}`);
      at += match[0].length;
      const field: ShapeField = { name: match[1]!, optional: match[2] === "?" };
      skipSpace();
      if (source[at] === ":") {
        at += 1;
        skipSpace();
        if (source[at] === "{") field.fields = object();
        else if (source[at] === "[") {
          at += 1;
          field.fields = object();
          expect("]");
        } else field.literals = literals();
      }
      fields.push(field);
      skipSpace();
      if (source[at] === "}") {
        at += 1;
        return fields;
      }
      expect(",");
    }
  };
  return object();
}

/** Every public route of the page (the bank simulator's and the operations sections excluded). */
export function documentedRoutes(markdown: string): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const { section, text } of listItems(markdown)) {
    if (/^(Bank simulator|Operations)/.test(section)) continue;
    const [before = "", after = ""] = text.split("->", 2);
    const spansBefore = spansOf(before);
    const first = ROUTE.exec(spansBefore[0] ?? "");
    if (!first) continue;
    const [path = "", search = ""] = first[2]!.split("?", 2);
    const route: DocumentedRoute = {
      method: first[1]!,
      path,
      query: search ? search.split("&").map((pair) => pair.split("=")[0]!) : [],
      section,
      noAuth: /\(no auth\)/.test(text),
      statuses: [],
    };
    const body = spansBefore.find((span) => span.startsWith("{"));
    if (body) route.requestBody = parseShape(body);
    for (const span of spansOf(after)) {
      const answer = /^(?:(\d{3}) )?(\{.*\})$/.exec(span);
      const extra = ROUTE.exec(span);
      if (answer && !route.response) {
        route.response = { fields: parseShape(answer[2]!) };
        if (answer[1]) route.response.status = Number(answer[1]);
      } else if (/^\d{3}$/.test(span)) route.statuses.push(Number(span));
      else if (extra) {
        routes.push({ method: extra[1]!, path: extra[2]!, query: [], section, noAuth: false, statuses: [] });
      }
    }
    const earlier = routes.find((known) => known.method === route.method && known.path === route.path);
    if (earlier) amend(earlier, route);
    else routes.push(route);
  }
  return routes;
}

/** A route listed again in a later section (an addition) amends what the page said of it before: its shapes are the current ones. */
function amend(route: DocumentedRoute, addition: DocumentedRoute): void {
  route.noAuth ||= addition.noAuth;
  route.query = [...new Set([...route.query, ...addition.query])];
  route.statuses = [...new Set([...route.statuses, ...addition.statuses])];
  route.requestBody = addition.requestBody ?? route.requestBody;
  route.response = addition.response ?? route.response;
}

/** The values the page lists after "Order status:". */
export function documentedOrderStatuses(markdown: string): string[] {
  const paragraph = /Order status:([\s\S]*?)\n\n/.exec(markdown)?.[1] ?? "";
  return spansOf(paragraph).filter((span) => /^[A-Z_]+$/.test(span));
}
