import { describe, expect, it } from "vitest";
import { messageIdOf } from "./smtp-email.sender";
import { TemplateCustomerContacts } from "./template-customer-contacts";

describe("e-mail adapters", () => {
  it("derives a stable Message-ID from the delivery id and the sender's domain", () => {
    const id = "f3845be4-6e5a-46f6-8990-0ede59802373";
    expect(messageIdOf(id, "Peakshop <notifications@peakshop.test>")).toBe(`<delivery.${id}@peakshop.test>`);
    expect(messageIdOf(id, "alerts@mail.example.com")).toBe(`<delivery.${id}@mail.example.com>`);
    expect(messageIdOf(id, "Peakshop")).toBe(`<delivery.${id}@peakshop.invalid>`);
  });

  it("addresses a customer through the template, keeping the local part plain", () => {
    const contacts = new TemplateCustomerContacts("{customerId}@customers.peakshop.test");
    expect(contacts.emailOf("customer-42")).toBe("customer-42@customers.peakshop.test");
    expect(contacts.emailOf("auth0|abc def@x")).toBe("auth0-abc-def-x@customers.peakshop.test");
  });
});
