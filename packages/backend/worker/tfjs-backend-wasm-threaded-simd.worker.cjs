'use strict';
// The Emscripten pthread worker of tfjs-backend-wasm's threaded SIMD build, in a form Node's
// worker_threads can start (see src/enableThreadedWasm.ts).
//
// tfjs ships the worker code as a string and starts it from a blob: URL, which Node refuses. Run
// here from a file, the code is tfjs's own; only its two blob dependencies are redirected: the
// worker is told to load the module factory from a Blob (`URL.createObjectURL(blob)` then
// `importScripts(url)`, which in Node reads a file), so createObjectURL answers with the path of
// the same factory in the installed package.
const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
const factoryPath = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');

URL.createObjectURL = () => factoryPath;
URL.revokeObjectURL = () => {};
// tfjs escapes newlines the same way before it makes its Blob; the code needs this file's `require`
// and `__filename`, hence a direct eval.
eval(wasmWorkerContents.replace(/\n/g, '\\n'));
