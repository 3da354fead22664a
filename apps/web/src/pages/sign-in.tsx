import { useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { useShop } from "../shop-context";

/** Dev sign-in: the gateway signs a token for any customer id (dev auth mode only; production brings its identity provider). */
export function SignIn() {
  const { client, config, signIn } = useShop();
  const [customerId, setCustomerId] = useState("");
  const [error, setError] = useState<string>();
  const [, navigate] = useLocation();
  if (!config.devSignIn)
    return <p>Sign in with your account provider to shop. (This deployment offers no dev sign-in.)</p>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, error: problem } = await client.api.POST("/v1/auth/dev-token", { body: { customerId } });
    if (data) {
      signIn({ customerId, token: data.token });
      navigate("/");
    } else setError(problem?.detail ?? "Could not sign in; try again.");
  };
  return (
    <form className="card" onSubmit={submit}>
      <h1>Sign in to shop</h1>
      <label>
        Your customer name
        <input value={customerId} onChange={(event) => setCustomerId(event.target.value)} required />
      </label>
      <button type="submit">Sign in</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
