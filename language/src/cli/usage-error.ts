/** An invalid command-line argument or option combination. The command line exits with status 2. */
export class UsageError extends Error {
    override readonly name = 'UsageError';
}
