export async function proxyCase(){ return { title: "proxy", unit: "MB/s", results: new Map(), skipped: {} }; }
