// Type-checks a use of the Neural chunk against the generated domains.d.ts (tsc --strict, run by
// scripts/checks/neural-browser.sh).
import { RuvSwarm } from './loader.js';
const neural = await new RuvSwarm().load('neural');
const net: number = neural.create(new Float32Array([2, 3, 1]));
neural.setActivation(net, 5, 5);
neural.setTraining(net, 2, 0.7);
neural.randomize(net, 42, -0.1, 0.1);
const mse: number = neural.train(net, 200, new Float32Array([-1, -1, -1, 1, 1, -1, 1, 1]), new Float32Array([-1, 1, 1, -1]));
const y: Float32Array = neural.run(net, 1, new Float32Array([1, -1]));
console.log(mse, y[0], neural.totalConnections(net));
neural.destroy(net);
// File I/O: `.net` and `.data` files as text.
const data: number = neural.readData('4 2 1\n-1 -1\n-1\n-1 1\n1\n1 -1\n1\n1 1\n-1\n');
const loaded: number = neural.loadNet(neural.saveNet(neural.create(new Float32Array([2, 3, 1]))));
const last: number = neural.trainOnData(loaded, data, 100);
const epochs: number = neural.trainToError(loaded, data, 1000, 0.001);
const text: string = neural.saveNet(loaded);
const outs: Float32Array = neural.runBatch(loaded, new Float32Array([-1, -1, 1, 1]));
console.log(last, epochs, text.length, outs.length, neural.testOnData(loaded, data), neural.saveData(data).length);
neural.destroyData(data);
neural.destroy(loaded);
