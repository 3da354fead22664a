import { AuthController } from "./auth.controller";
import { CartController } from "./cart.controller";
import { CatalogController } from "./catalog.controller";
import { CheckoutController } from "./checkout.controller";
import { NotificationsController } from "./notifications.controller";
import { OrdersController } from "./orders.controller";
import { IncidentsController } from "./incidents.controller";
import { OperationsController } from "./operations.controller";
import { StatusController } from "./status.controller";

/** The controllers of the public API (shared/API.md), the ones the OpenAPI document describes. */
export const PUBLIC_CONTROLLERS = [
  AuthController,
  CatalogController,
  CartController,
  CheckoutController,
  OrdersController,
  NotificationsController,
  StatusController,
  IncidentsController,
  OperationsController,
];
