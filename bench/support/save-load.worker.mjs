// Entry of the clients' worker thread: Node 20 does not carry `--import tsx` into workers, so register it here.
import { register } from "tsx/esm/api";

register();
await import(new URL("./save-load.worker.ts", import.meta.url).href);
