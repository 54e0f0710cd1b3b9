// mocha-cjs is mocha 11 under an npm alias; its API is the one @types/mocha describes.
declare module 'mocha-cjs' {
  import Mocha = require('mocha');
  export = Mocha;
}
