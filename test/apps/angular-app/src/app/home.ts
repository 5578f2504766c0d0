// Every way an error leaves an Angular app, one button each.
import { Component, NgZone, inject, signal } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { BrokenPart } from './pages';

@Component({
  selector: 'app-home',
  imports: [BrokenPart],
  template: `
    <main id="home">
      <h1>Home</h1>
      <button id="throw" (click)="fail()">throw</button>
      <button id="reject" (click)="reject()">reject in Angular's zone</button>
      <button id="reject-outside" (click)="rejectOutside()">reject outside Angular's zone</button>
      <button id="timer-outside" (click)="timerOutside()">throw in a timer outside Angular's zone</button>
      <button id="string-outside" (click)="stringOutside()">throw a string in a timer outside Angular's zone</button>
      <button id="null-outside" (click)="nullOutside()">throw null in a timer outside Angular's zone</button>
      <button id="break" (click)="broken.set(true)">render a broken part</button>
      <button id="http-404" (click)="request(404)">HttpClient 404</button>
      <button id="http-500-unhandled" (click)="requestUnhandled(500)">HttpClient 500, no error callback</button>
      <p id="http-status">{{ status() }}</p>
      @if (broken()) {
        <app-broken-part />
      }
    </main>
  `,
})
export class Home {
  private zone = inject(NgZone);
  private http = inject(HttpClient);
  broken = signal(false);
  status = signal('');

  fail(): void {
    throw new Error('angular click failed');
  }
  reject(): void {
    Promise.reject(new Error('angular rejection'));
  }
  rejectOutside(): void {
    this.zone.runOutsideAngular(() => Promise.reject(new Error('angular rejection outside')));
  }
  timerOutside(): void {
    this.zone.runOutsideAngular(() =>
      setTimeout(() => {
        throw new Error('angular timer outside');
      }),
    );
  }
  stringOutside(): void {
    this.zone.runOutsideAngular(() =>
      setTimeout(() => {
        throw 'angular string outside';
      }),
    );
  }
  nullOutside(): void {
    this.zone.runOutsideAngular(() =>
      setTimeout(() => {
        throw null;
      }),
    );
  }
  request(code: number): void {
    this.http.get(`/api/status/${code}`).subscribe({
      next: () => this.status.set('ok'),
      error: (e: { status: number }) => this.status.set(`failed ${e.status}`),
    });
  }
  requestUnhandled(code: number): void {
    this.http.get(`/api/status/${code}`).subscribe(() => this.status.set('ok'));
  }
}
