// Copies the browser builds of the npm packages the portal loads into the web project's wwwroot/lib.
// Run by `npm run build`; the web project's build runs it when wwwroot/lib is missing.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "Portal.Web", "wwwroot", "lib");

const files = [
  ["node_modules/apexcharts/dist/apexcharts.min.js", "apexcharts/apexcharts.min.js"],
  ["node_modules/apexcharts/dist/apexcharts.css", "apexcharts/apexcharts.css"],
];

for (const [from, to] of files) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(here, from), join(out, to));
}
writeFileSync(join(out, ".built"), new Date().toISOString() + "\n");
console.log(`front-end assets copied to ${out}`);
