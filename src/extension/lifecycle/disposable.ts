// A tiny base for objects that own other disposables: everything registered is disposed
// together, newest first, exactly once. Free of the `vscode` import so plain tests can use it.

export interface DisposableLike {
  dispose(): unknown;
}

export class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposedFlag = false;

  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  /** Takes ownership; something registered after disposal is disposed at once. */
  protected register<T extends DisposableLike>(value: T): T {
    if (this.disposedFlag) value.dispose();
    else this.owned.push(value);
    return value;
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    const errors: unknown[] = [];
    // One failing child must not keep the others alive.
    while (this.owned.length) {
      try {
        this.owned.pop()?.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed');
  }
}
