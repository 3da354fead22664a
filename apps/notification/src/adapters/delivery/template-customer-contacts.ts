import { CustomerContacts } from "../../application/delivery-channels.port";

/**
 * Derives a customer's e-mail address from CUSTOMER_EMAIL_TEMPLATE, e.g.
 * "{customerId}@customers.peakshop.test". A stand-in for local runs and tests:
 * production replaces this adapter with a lookup in the customer-profile service.
 * Customer ids are opaque, so characters not allowed in a plain local part become "-".
 */
export class TemplateCustomerContacts extends CustomerContacts {
  constructor(private readonly template: string) {
    super();
  }

  emailOf(customerId: string): string {
    const localPart = customerId.replace(/[^A-Za-z0-9._+-]/g, "-").slice(0, 64) || "customer";
    return this.template.replaceAll("{customerId}", localPart);
  }
}
