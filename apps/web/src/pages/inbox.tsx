import type { Notification } from "@peakshop/client";
import { useEffect, useState } from "react";
import { useShop } from "../shop-context";

/** The shopper's notifications, newest first; new ones arrive over Server-Sent Events. */
export function Inbox() {
  const { client, patiently } = useShop();
  const [items, setItems] = useState<Notification[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const follow = async () => {
      const { data } = await patiently(() => client.api.GET("/v1/notifications"));
      if (data && !controller.signal.aborted) setItems(data.items);
      try {
        for await (const event of client.followNotifications({ signal: controller.signal }))
          setItems((known) =>
            known.some((item) => item.id === event.data.id) ? known : [event.data, ...known],
          );
      } catch {
        // The stream ended; the list stays as it is.
      }
    };
    void follow();
    return () => controller.abort();
  }, [client, patiently]);
  return (
    <section className="card">
      <h1>Messages</h1>
      {items.length === 0 && <p>No messages yet.</p>}
      <ul className="inbox">
        {items.map((item) => (
          <li key={item.id}>
            <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleTimeString()}</time>{" "}
            {item.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
