import type { PeakshopClient } from "@peakshop/client";
import { useState, type FormEvent } from "react";
import type { Session } from "../session";

/**
 * Dev: the gateway signs an admin token for any name. Elsewhere the operator
 * pastes a token from the identity provider, whose `roles` hold `admin`.
 */
export function OperatorSignIn(props: {
  client: PeakshopClient;
  devSignIn: boolean;
  onSignedIn(value: Session): void;
}) {
  const [name, setName] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!props.devSignIn) return props.onSignedIn({ customerId: "operator", token: token.trim() });
    const { data, error: problem } = await props.client.api.POST("/v1/auth/dev-token", {
      body: { customerId: name, roles: ["admin"] },
    });
    if (data) props.onSignedIn({ customerId: name, token: data.token });
    else setError(problem?.detail ?? "Could not sign in; try again.");
  };
  return (
    <form className="card" onSubmit={submit}>
      <h1>Operator console</h1>
      {props.devSignIn ? (
        <label>
          Your operator name
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </label>
      ) : (
        <label>
          A token with the admin role
          <input value={token} onChange={(event) => setToken(event.target.value)} required />
        </label>
      )}
      <button type="submit">Sign in as operator</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
