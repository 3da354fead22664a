import { createPeakshopClient } from "@peakshop/client";
import { useMemo, useState } from "react";
import { operatorSession } from "../session";
import { useShop } from "../shop-context";
import { BankFaultsPanel } from "./bank-faults-panel";
import { DeadLettersPanel } from "./dead-letters-panel";
import { OperatorSignIn } from "./operator-sign-in";
import { OrdersPanel } from "./orders-panel";
import { PaymentsPanel } from "./payments-panel";

/** The operator console: what an SRE running a sale watches and does, on the admin API. */
export function ConsolePage() {
  const { config } = useShop();
  const [operator, setOperator] = useState(operatorSession.current());
  const client = useMemo(
    () => createPeakshopClient({ baseUrl: config.gatewayUrl, token: () => operatorSession.current()?.token }),
    [config],
  );
  if (!operator)
    return (
      <OperatorSignIn
        client={client}
        devSignIn={config.devSignIn}
        onSignedIn={(value) => {
          operatorSession.save(value);
          setOperator(value);
        }}
      />
    );
  return (
    <div className="console">
      <div className="console-head">
        <h1>Operator console</h1>
        <button
          className="link"
          onClick={() => {
            operatorSession.clear();
            setOperator(undefined);
          }}
        >
          Sign out ({operator.customerId})
        </button>
      </div>
      <PaymentsPanel client={client} />
      <OrdersPanel client={client} />
      <DeadLettersPanel client={client} />
      {config.devBankFaults && <BankFaultsPanel />}
    </div>
  );
}
