import { describe, expect, it } from "vitest";
import { fixtureOf, readFixtureFiles } from "../../test/fixture-files";
import { PaymentDeclinedV1 } from "../payment/payment-declined.event";
import { latest, messageRegistry, upcast } from "./checkout-flow.registry";

const fixtures = readFixtureFiles();

describe("fixtures of every message version", () => {
  it.each(messageRegistry.definitions.map((d) => [`${d.type} v${d.version}`, d] as const))(
    "%s has a fixture",
    (_name, definition) => {
      expect(() => fixtureOf(definition, fixtures)).not.toThrow();
    },
  );

  it.each(fixtures.map((f) => [f.path, f] as const))(
    "%s parses, then upcasts to the latest",
    (_path, fixture) => {
      const own = messageRegistry.find(fixture.type, fixture.version);
      expect(own, `no registered definition for ${fixture.type} v${fixture.version}`).toBeDefined();
      expect(own?.schema.parse(fixture.data)).toEqual(fixture.data);

      const { definition, data } = messageRegistry.upcast(fixture.type, fixture.version, fixture.data);
      expect(definition).toBe(messageRegistry.latest(fixture.type));
      expect(definition.schema.parse(data)).toEqual(data);
    },
  );

  it("upcasts PaymentDeclined v1 to v2 with reasonCode unknown and the text kept", () => {
    const v1 = PaymentDeclinedV1.schema.parse(fixtureOf(PaymentDeclinedV1, fixtures));
    const v2 = upcast("peakshop.payment.payment-declined", 1, v1);
    expect(v2).toEqual({ ...v1, reasonCode: "unknown" });
    expect(latest("peakshop.payment.payment-declined").version).toBe(2);
  });

  it("leaves latest-version data as it is", () => {
    const v2 = fixtureOf(latest("peakshop.payment.payment-declined"), fixtures);
    expect(upcast("peakshop.payment.payment-declined", 2, v2)).toEqual(v2);
  });
});
