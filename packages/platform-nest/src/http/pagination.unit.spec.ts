import { describe, expect, it } from "vitest";
import { readPage } from "./pagination";

const rows = Array.from({ length: 5 }, (_, index) => ({ id: `row-${index + 1}` }));
const reader = (from: typeof rows) => {
  const asked: number[] = [];
  const read = (count: number) => {
    asked.push(count);
    return Promise.resolve(from.slice(0, count));
  };
  return { asked, read };
};

describe("reading one page", () => {
  it("given more rows than a page, then it answers the page and the cursor of its last item", async () => {
    const { asked, read } = reader(rows);
    expect(await readPage(2, read, (row) => row.id)).toEqual({
      items: rows.slice(0, 2),
      nextCursor: "row-2",
    });
    expect(asked).toEqual([3]);
  });

  it("given exactly a page of rows, then it is the last page", async () => {
    expect(await readPage(5, reader(rows).read, (row) => row.id)).toEqual({ items: rows, nextCursor: null });
  });

  it("given no rows, then the page is empty and the last", async () => {
    expect(await readPage(3, reader([]).read, (row) => row.id)).toEqual({ items: [], nextCursor: null });
  });
});
