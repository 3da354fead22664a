import type { Step } from "../domain/order-steps";

const MARK = { done: "✓", current: "…", waiting: "", failed: "✕" } as const;

export function Stepper({ steps }: { steps: Step[] }) {
  return (
    <ol className="stepper" aria-label="Order progress">
      {steps.map((step) => (
        <li key={step.key} className={`step step-${step.state}`} data-step={step.key} data-state={step.state}>
          <span className="mark" aria-hidden="true">
            {MARK[step.state]}
          </span>
          <span className="label">{step.label}</span>
          {step.detail && <p className="detail">{step.detail}</p>}
        </li>
      ))}
    </ol>
  );
}
