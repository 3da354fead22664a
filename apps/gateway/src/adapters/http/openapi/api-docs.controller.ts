import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from "@nestjs/common";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { getAbsoluteFSPath } from "swagger-ui-dist";
import { publicApiDocument } from "./public-api.document";

/** The files of swagger-ui-dist that /docs loads, served from the package: no CDN, works offline. */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>peakshop public API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/swagger-ui-standalone-preset.js"></script>
    <script>
      window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
    </script>
  </body>
</html>
`;

/** The OpenAPI document of the public API and a browsable view of it (no auth: it is public). */
@Controller()
export class ApiDocsController {
  private readonly document = publicApiDocument();

  @Get("openapi.json")
  openapi() {
    return this.document;
  }

  @Get("docs")
  @Header("content-type", "text/html; charset=utf-8")
  docs(): string {
    return DOCS_PAGE;
  }

  @Get("docs/:asset")
  asset(@Param("asset") asset: string): StreamableFile {
    const type = ASSETS[asset];
    if (!type) throw new NotFoundException(`No ${asset} here.`);
    return new StreamableFile(createReadStream(join(getAbsoluteFSPath(), asset)), { type });
  }
}
