import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from "@nestjs/common";
import { parseRequest, ProblemException } from "@peakshop/platform-nest";
import { CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { devTokenBody } from "./public-requests";
import { TokenVerifier } from "./token-verifier";

/** Dev tokens for local runs and tests; in jwks mode the route answers 404 as if it did not exist. */
@Controller("v1/auth")
// No token here yet: the rate limit counts per client IP.
@UseGuards(CustomerRateLimitGuard)
@UseFilters(GatewayProblemsFilter)
export class AuthController {
  constructor(private readonly verifier: TokenVerifier) {}

  @Post("dev-token")
  @HttpCode(200)
  async devToken(@Body() body: unknown): Promise<{ token: string }> {
    if (!this.verifier.devMode) {
      throw new ProblemException({ status: 404, title: "Not Found", detail: "No such route." });
    }
    const { customerId, roles = [] } = parseRequest(devTokenBody, body, "body");
    return { token: await this.verifier.devToken(customerId, roles) };
  }
}
