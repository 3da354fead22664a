import { Link, Route, Switch } from "wouter";
import { OverloadNotice } from "./components/overload-notice";
import { ConsolePage } from "./console/console-page";
import { StatusBanner } from "./components/status-banner";
import { Cart } from "./pages/cart";
import { Catalog } from "./pages/catalog";
import { Inbox } from "./pages/inbox";
import { Order } from "./pages/order";
import { SignIn } from "./pages/sign-in";
import { StatusPage } from "./pages/status";
import { useShop } from "./shop-context";

export function App() {
  const { shopper, signOut } = useShop();
  return (
    <>
      <header>
        <nav aria-label="Main">
          <Link href="/">peakshop</Link>
          {shopper && <Link href="/cart">Cart</Link>}
          {shopper && <Link href="/inbox">Messages</Link>}
          <Link href="/status">Status</Link>
          <Link href="/console">Console</Link>
          {!shopper && <Link href="/sign-in">Sign in</Link>}
          {shopper && (
            <button className="link" onClick={signOut}>
              Sign out ({shopper.customerId})
            </button>
          )}
        </nav>
      </header>
      <StatusBanner />
      <main>
        <OverloadNotice />
        <Switch>
          <Route path="/status" component={StatusPage} />
          <Route path="/console" component={ConsolePage} />
          {/* Anyone may browse (the catalog needs no token); the rest needs a shopper. */}
          <Route path="/" component={Catalog} />
          {!shopper && <Route component={SignIn} />}
          <Route path="/cart" component={Cart} />
          <Route path="/inbox" component={Inbox} />
          <Route path="/orders/:orderId">
            {(params) => <Order orderId={decodeURIComponent(params.orderId)} />}
          </Route>
          <Route>
            <p>There is nothing at this address.</p>
          </Route>
        </Switch>
      </main>
    </>
  );
}
