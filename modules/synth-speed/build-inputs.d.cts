/** Types of build-inputs.cjs (plain CommonJS, so that run-compiled.cjs can load it before anything is compiled). */
export declare function governingPackageJson(root: string, source: string): string;
export declare function inputContent(root: string, file: string): Buffer | string;
