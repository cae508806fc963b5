declare const _default: {
    root: string;
    cacheDir: string;
    test: {
        name: string;
        watch: boolean;
        environment: string;
        include: string[];
        reporters: string[];
    };
};
export default _default;
//# sourceMappingURL=vitest.config.d.mts.map