/**
 * Name of the workspace policy file. It lives in a module of its own so that the extension can
 * watch the file without bundling the parser of its contents.
 */
export const CONFIG_FILE_NAME = 'mlarch.config.json';
