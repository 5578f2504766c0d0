import { Component } from '@angular/core';

@Component({ selector: 'app-about', template: '<main id="about"><h1>About</h1></main>' })
export class About {}

@Component({ selector: 'app-shop', template: '<main id="shop"><h1>Shop</h1></main>' })
export class Shop {}

/** A routed component that fails while it is created. */
@Component({ selector: 'app-broken', template: '<main id="broken"><h1>Broken</h1></main>' })
export class Broken {
  constructor() {
    throw new Error('angular constructor failed');
  }
}

/** A part whose template fails while it renders. */
@Component({ selector: 'app-broken-part', template: '<p id="broken-part">{{ label }}</p>' })
export class BrokenPart {
  get label(): string {
    throw new Error('angular render failed');
  }
}
