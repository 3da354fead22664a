import { Body, Controller, Get, Param, Put, Query, Res, UseFilters } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import { ReadCatalogQuery } from "../../application/read-catalog.query";
import { SetProductStockHandler } from "../../application/set-product-stock.handler";
import { InventoryProblemsFilter, ProductNotFound } from "./inventory-problems.filter";
import { catalogQuery, productSpecRequest, skuParam } from "./product.requests";

interface Reply {
  status(code: number): Reply;
}

/** Internal catalog API; the gateway fronts it (auth, admin role) for the public. */
@Controller("v1")
@UseFilters(InventoryProblemsFilter)
export class ProductsController {
  constructor(
    private readonly catalog: ReadCatalogQuery,
    private readonly setStock: SetProductStockHandler,
  ) {}

  @Get("products")
  async list(@Query() query: unknown) {
    return this.catalog.list(parseRequest(catalogQuery, query, "query"));
  }

  @Get("products/:sku")
  async get(@Param("sku") sku: string) {
    const product = await this.catalog.get(parseRequest(skuParam, sku, "path.sku"));
    if (!product) throw new ProductNotFound(sku);
    return product;
  }

  /** Creates (201) or updates (200) the product and sets its stock on sale; 409 below held + sold. */
  @Put("admin/products/:sku")
  async put(@Param("sku") sku: string, @Body() body: unknown, @Res({ passthrough: true }) reply: Reply) {
    const spec = parseRequest(productSpecRequest, body, "body");
    const { created, product } = await this.setStock.execute({
      sku: parseRequest(skuParam, sku, "path.sku"),
      ...spec,
    });
    reply.status(created ? 201 : 200);
    return product;
  }
}
