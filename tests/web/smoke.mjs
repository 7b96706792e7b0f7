// The browser build in a real browser: Debian's Chromium driven by puppeteer-core.
// Serves dist/ (built by scripts/build-web.sh), loads the page, and checks that it
// starts with no console error and draws the default design. Writes a screenshot.
//
//   node tests/web/smoke.mjs [dist] [screenshot.png]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// puppeteer-core as .ci/run installs it, under target/web-test (or where WEB_TEST says).
const modules = path.resolve(process.env.WEB_TEST ?? "target/web-test");
const puppeteer = createRequire(path.join(modules, "package.json"))("puppeteer-core");

const dist = path.resolve(process.argv[2] ?? "dist");
const shot = process.argv[3] ?? "target/web-test/default.png";
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

const server = http.createServer((req, res) => {
  const file = path.join(dist, decodeURIComponent(new URL(req.url, "http://x").pathname));
  const target = file.endsWith("/") ? path.join(file, "index.html") : file;
  if (!target.startsWith(dist) || !fs.existsSync(target)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": types[path.extname(target)] ?? "application/octet-stream" });
  fs.createReadStream(target).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  // WebGL2 without a GPU: SwiftShader, Chromium's software renderer.
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--window-size=1280,800"],
});
const problems = [];
let failed = false;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  const started = Date.now();
  await page.goto(url, { waitUntil: "load" });
  // The loading note goes once the app has started.
  await page.waitForFunction(() => !document.getElementById("problem"), { timeout: 60000 });
  const startedMs = Date.now() - started;
  // Give eframe a few frames to lay out and draw.
  await new Promise((r) => setTimeout(r, 3000));
  const png = await page.screenshot({ path: shot, encoding: "base64" });
  // Pixels that are not background where the design is drawn (the middle of the
  // page), read from the screenshot: a WebGL canvas keeps no pixels to read back.
  const drawn = await page.evaluate(async (png) => {
    const img = new Image();
    img.src = `data:image/png;base64,${png}`;
    await img.decode();
    const off = new OffscreenCanvas(img.width, img.height);
    const g = off.getContext("2d");
    g.drawImage(img, 0, 0);
    const [x, y, w, h] = [img.width * 0.2, img.height * 0.1, img.width * 0.5, img.height * 0.6];
    const { data } = g.getImageData(x, y, w, h);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return colours.size;
  }, png);
  console.log(`started in ${startedMs} ms; ${drawn} colours where the design is drawn`);
  if (drawn < 20) problems.push(`the canvas shows ${drawn} colours: the design was not drawn`);
} catch (e) {
  problems.push(String(e));
} finally {
  await browser.close();
  server.close();
}
for (const p of problems) console.error(p);
failed = problems.length > 0;
process.exit(failed ? 1 : 0);
