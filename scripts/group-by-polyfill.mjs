// chevrotain 13.2 and langium-cli 4.4 call Object.groupBy, which Node.js added in version 21.
// Loading this module first lets the generator and the bundles run on Node.js 20.
if (typeof Object.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true,
        writable: true,
        value: function groupBy(items, keySelector) {
            const groups = Object.create(null);
            let index = 0;
            for (const item of items) {
                const key = keySelector(item, index++);
                (groups[key] ??= []).push(item);
            }
            return groups;
        }
    });
}
