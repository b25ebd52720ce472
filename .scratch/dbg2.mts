import { coupledIterativeAuction, iterativeAuction } from '../solver/market/index.ts';
const book = {"units":"divisible" as const,"bids":[{"agent":"b0","side":"buy" as const,"price":0,"quantity":1},{"agent":"s0","side":"sell" as const,"price":0.1,"quantity":3},{"agent":"s1","side":"sell" as const,"price":2.1,"quantity":4}]};
const one = iterativeAuction(book);
console.log(one.prices, one.rounds, one.path);
console.log(coupledIterativeAuction(book, {"perKwh":0.5,"asks":[{"agent":"w0","price":0,"quantity":1}]}));
