/**
 * Usage: node health-check.js <url>
 *
 * A container health check without curl in the image: exits 0 when GET <url> answers 2xx within 4 seconds.
 */
async function main(url: string | undefined): Promise<number> {
  if (!url) throw new Error('usage: health-check <url>');
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  if (response.ok) return 0;
  console.error(`${url}: ${response.status} ${await response.text()}`);
  return 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
