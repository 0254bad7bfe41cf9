/* global module, require */
/* eslint-disable @typescript-eslint/no-require-imports -- Jest loads this CommonJS file as is */
/*
 * Jest's module runtime with V8's code cache kept between the test files a worker runs.
 *
 * Jest gives every test file fresh modules, so each e2e file compiled NestJS, TypeORM, the app and
 * the rest again: measured on PostgreSQL, V8's compiling was 8 of 64 busy seconds over 15 files.
 * The first file a worker runs compiles each module and keeps V8's cached data for it (per
 * file name, only while the source is the same); the next files hand it back to V8, which then
 * skips parsing. The modules are still evaluated afresh for every test file: only the compiling
 * is shared, so no state crosses from one test file to the next.
 */
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

/** filename -> the source compiled and V8's cached data for it (this worker only). */
const codeCache = new Map();

/** A compile for Jest's module executor that hands V8 the cached data of an earlier test file. */
function cachingCompile(executor, jestCompile) {
  return function compile(scriptSource, filename) {
    const vmContext = executor.environment.getVmContext();
    if (vmContext == null || executor.resolution.isCoreModule(filename)) return jestCompile.call(executor, scriptSource, filename);
    const cached = codeCache.get(filename);
    const hit = cached !== undefined && cached.source === scriptSource;
    let fn;
    try {
      fn = vm.compileFunction(scriptSource, executor.injectedModuleParameters, {
        filename,
        parsingContext: vmContext,
        cachedData: hit ? cached.data : undefined,
        produceCachedData: !hit,
        importModuleDynamically: (specifier, _function, importAttributes, ...rest) => executor.dynamicImport(specifier, filename, vmContext, importAttributes, rest[0]),
      });
    } catch {
      // Jest's own compile reports syntax errors its way.
      return jestCompile.call(executor, scriptSource, filename);
    }
    if (!hit && fn.cachedDataProduced && fn.cachedData) codeCache.set(filename, { source: scriptSource, data: fn.cachedData });
    else if (hit && fn.cachedDataRejected) codeCache.delete(filename);
    return fn;
  };
}

class CachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // Jest 30 compiles in its ModuleExecutor; without one (another Jest), Jest's own compile runs.
    const executor = this.executor;
    if (executor && typeof executor.compile === 'function' && executor.environment && executor.resolution && executor.injectedModuleParameters) {
      executor.compile = cachingCompile(executor, executor.compile);
    }
  }
}

module.exports = CachingRuntime;
module.exports.default = CachingRuntime;
