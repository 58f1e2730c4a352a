/** The text of elkjs's lib/elk-worker.min.js, which scripts/build.mjs provides under this name. */
declare module 'mlarch:elk-worker-source' {
    const source: string;
    export default source;
}
