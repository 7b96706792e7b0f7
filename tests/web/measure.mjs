// Measures the browser build in Chromium: time to the first drawn frame, opening a
// generated design of N systems through the file picker, an edit of it (a system
// added from the palette, then undone), frame times while zooming it with the mouse
// wheel, the longest the page's thread was busy without a break (a freeze), and the
// memory of the tab's renderer process. Not a test: run it by hand on an idle machine
// and report what it prints.
//
//   bash scripts/build-web.sh && cargo build
//   node tests/web/measure.mjs [dist] [sizes, e.g. 100,1000]
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const modules = path.resolve(process.env.WEB_TEST ?? "target/web-test");
const puppeteer = createRequire(path.join(modules, "package.json"))("puppeteer-core");
const dist = path.resolve(process.argv[2] ?? "dist");
const sizes = (process.argv[3] ?? "100,1000").split(",").map(Number);
const patchbay = process.env.PATCHBAY ?? "target/debug/patchbay";
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

const server = http.createServer((req, res) => {
  const file = path.join(dist, decodeURIComponent(new URL(req.url, "http://x").pathname));
  const target = file.endsWith("/") ? path.join(file, "index.html") : file;
  if (!target.startsWith(dist) || !fs.existsSync(target)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": types[path.extname(target)] ?? "application/octet-stream" });
  fs.createReadStream(target).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
});
const state = async (page) => JSON.parse(await page.evaluate(() => window.patchbayState ?? "{}"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// The resident memory of the largest renderer process (the one page open), in MB.
async function rendererMb() {
  const cdp = await browser.target().createCDPSession();
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo").catch(() => ({}));
  const pids = (processInfo ?? []).filter((p) => p.type === "renderer").map((p) => p.id);
  let kb = 0;
  for (const pid of pids) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      kb = Math.max(kb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {}
  }
  return Math.round(kb / 1024);
}

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  // Every stretch of over 50 ms the page's thread was busy, as the browser saw it.
  await page.evaluateOnNewDocument(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  const frames = (n) =>
    page.evaluate(
      (n) => new Promise((done) => {
        const next = (k) => (k === 0 ? done() : requestAnimationFrame(() => next(k - 1)));
        next(n);
      }),
      n,
    );
  const tap = async (x, y) => {
    await page.mouse.move(x, y);
    await frames(2);
    await page.mouse.down();
    await sleep(60);
    await page.mouse.up();
  };
  const longest = async () => {
    const ms = await page.evaluate(() => {
      const l = window.longest;
      window.longest = 0;
      return l;
    });
    return Math.round(ms);
  };
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => window.patchbayState, { timeout: 60000 });
  console.log(`first frame of the retail sample: ${Date.now() - t0} ms after navigation`);
  console.log(`renderer memory: ${await rendererMb()} MB`);
  for (const n of sizes) {
    const file = path.join(os.tmpdir(), `patchbay-measure-${n}.patchbay.ron`);
    execFileSync(patchbay, ["generate", "--systems", String(n), "--links-per-system", "3", "-o", file]);
    const [chooser] = await Promise.all([
      page.waitForFileChooser({ timeout: 10000 }),
      (async () => {
        await tap(19, 11);
        await frames(4);
        await tap(40, 57);
      })(),
    ]);
    await longest();
    const t1 = Date.now();
    await chooser.accept([file]);
    await page.waitForFunction((n) => JSON.parse(window.patchbayState).systems === n, { timeout: 300000 }, n);
    const opened = Date.now() - t1;
    await sleep(1000);
    const openFreeze = await longest();
    // An edit: the palette's File server adds a system (analysed and drawn again),
    // then Ctrl+Z takes it away.
    const t2 = Date.now();
    await tap(60, 365);
    await page.waitForFunction((n) => JSON.parse(window.patchbayState).systems === n + 1, { timeout: 300000 }, n);
    const added = Date.now() - t2;
    await frames(2);
    const t3 = Date.now();
    await page.keyboard.down("Control");
    await page.keyboard.press("KeyZ");
    await page.keyboard.up("Control");
    await page.waitForFunction((n) => JSON.parse(window.patchbayState).systems === n, { timeout: 300000 }, n);
    const undone = Date.now() - t3;
    await sleep(500);
    const editFreeze = await longest();
    // Frame times while the wheel zooms: the gaps between animation frames.
    await page.evaluate(() => {
      window.gaps = [];
      let last = performance.now();
      const tick = (t) => {
        window.gaps.push(t - last);
        last = t;
        if (window.gaps.length < 400) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.mouse.move(570, 330);
    for (let i = 0; i < 30; i++) {
      await page.mouse.wheel({ deltaY: i < 15 ? -120 : 120 });
      await sleep(50);
    }
    const gaps = await page.evaluate(() => window.gaps.slice(1));
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
    const worst = gaps[gaps.length - 1] ?? 0;
    const zoomFreeze = await longest();
    console.log(
      `${n} systems: opened and drawn in ${opened} ms (longest busy stretch ${openFreeze} ms); ` +
        `a system added in ${added} ms, undone in ${undone} ms (longest ${editFreeze} ms); ` +
        `zooming, frame gaps median ${median.toFixed(1)} ms, worst ${worst.toFixed(0)} ms (longest ${zoomFreeze} ms); ` +
        `renderer memory ${await rendererMb()} MB`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
