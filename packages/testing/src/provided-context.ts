import type {} from "vitest";
import type { InfrastructureSettings } from "./infrastructure";

// Typing for `inject("peakshopInfrastructure")` in tests.
declare module "vitest" {
  export interface ProvidedContext {
    peakshopInfrastructure: InfrastructureSettings;
  }
}
