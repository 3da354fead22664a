import { randomUUID } from "node:crypto";

/** An entry of a customer's in-app feed, as GET /v1/customers/{id}/notifications answers it. */
export interface FeedItem {
  id: string;
  orderId?: string;
  kind: string;
  message: string;
  createdAt: string;
}

/** A customer id of its own per test, so feeds never mix. */
export const newCustomer = () => `customer-${randomUUID().slice(0, 8)}`;

/** Where the default CUSTOMER_EMAIL_TEMPLATE sends a customer's e-mail. */
export const emailOf = (customerId: string) => `${customerId}@customers.peakshop.test`;
