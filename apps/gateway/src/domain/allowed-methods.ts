/** The HTTP methods a path template declares, e.g. "/v1/orders/{orderId}" -> ["GET"]. */
export type DeclaredRoutes = Record<string, readonly string[]>;

interface CompiledPath {
  pattern: RegExp;
  methods: readonly string[];
}

/**
 * Which methods a concrete path allows, from the public API's declared paths
 * (the OpenAPI document): a request whose path is declared but whose method
 * is not is answered 405 with Allow, not 404. `{name}` matches one segment.
 * HEAD is allowed wherever GET is (the server answers it).
 */
export class AllowedMethods {
  private readonly paths: CompiledPath[];

  constructor(routes: DeclaredRoutes) {
    this.paths = Object.entries(routes).map(([template, methods]) => ({
      pattern: new RegExp(
        `^${template
          .split(/\{[^}]+\}/)
          .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
          .join("[^/]+")}$`,
      ),
      methods: withHead(methods.map((method) => method.toUpperCase())),
    }));
  }

  /** The methods allowed on `path` (no query), or undefined when the path is not declared at all. */
  of(path: string): readonly string[] | undefined {
    return this.paths.find((compiled) => compiled.pattern.test(path))?.methods;
  }
}

const withHead = (methods: string[]): string[] =>
  methods.includes("GET") && !methods.includes("HEAD") ? [...methods, "HEAD"] : methods;
