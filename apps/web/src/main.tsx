import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { loadConfig } from "./config";
import { ShopProvider } from "./shop-context";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ShopProvider config={config}>
          <App />
        </ShopProvider>
      </StrictMode>,
    ),
  (error: unknown) => root.render(<p role="alert">peakshop could not start: {String(error)}</p>),
);
