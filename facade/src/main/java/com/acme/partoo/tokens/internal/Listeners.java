package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.PartooListener.CallListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's listeners, each called so that it cannot break a call: what one throws is logged once (per listener)
 * at WARN and otherwise ignored. With none, {@link #callStarted} returns {@link CallListener#NONE} and the call path
 * builds no event.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<Guarded> listeners;

  Listeners(List<PartooListener> listeners) {
    List<Guarded> guarded = new ArrayList<>(listeners.size());
    listeners.forEach(listener -> guarded.add(new Guarded(listener)));
    this.listeners = List.copyOf(guarded);
  }

  boolean isEmpty() {
    return listeners.isEmpty();
  }

  /** Asks each listener for its listener of this call; one that fails or returns null hears nothing of it. */
  CallListener callStarted(PartooListener.CallStarted call) {
    if (listeners.isEmpty()) {
      return CallListener.NONE;
    }
    List<CallListener> hearing = new ArrayList<>(listeners.size());
    for (Guarded guarded : listeners) {
      CallListener listener = guarded.ask(l -> l.callStarted(call));
      if (listener != null && listener != CallListener.NONE) {
        hearing.add(guarded.guard(listener));
      }
    }
    return hearing.isEmpty() ? CallListener.NONE : hearing.size() == 1 ? hearing.get(0) : new All(hearing);
  }

  void retryBudgetExhausted(PartooListener.Operation operation) {
    listeners.forEach(guarded -> guarded.run(listener -> listener.retryBudgetExhausted(operation)));
  }

  void healthChanged(PartooHealth previous, PartooHealth current) {
    listeners.forEach(guarded -> guarded.run(listener -> listener.healthChanged(previous, current)));
  }

  /** One listener, and whether its failure was logged already. */
  private static final class Guarded {
    private final PartooListener listener;
    private final AtomicBoolean warned = new AtomicBoolean();

    Guarded(PartooListener listener) {
      this.listener = listener;
    }

    void run(Consumer<PartooListener> event) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        failed(e);
      }
    }

    <T> T ask(java.util.function.Function<PartooListener, T> event) {
      try {
        return event.apply(listener);
      } catch (RuntimeException e) {
        failed(e);
        return null;
      }
    }

    CallListener guard(CallListener callListener) {
      return new CallListener() {
        @Override
        public void attemptStarted(PartooListener.AttemptStarted attempt, PartooListener.RequestHeaders headers) {
          try {
            callListener.attemptStarted(attempt, headers);
          } catch (RuntimeException e) {
            failed(e);
          }
        }

        @Override
        public void attemptEnded(PartooListener.AttemptEnded attempt) {
          try {
            callListener.attemptEnded(attempt);
          } catch (RuntimeException e) {
            failed(e);
          }
        }

        @Override
        public void callEnded(PartooListener.CallEnded call) {
          try {
            callListener.callEnded(call);
          } catch (RuntimeException e) {
            failed(e);
          }
        }
      };
    }

    private void failed(RuntimeException e) {
      if (warned.compareAndSet(false, true)) {
        // The exception's type only: its message is the listener's, and could hold anything.
        LOG.warn("Partoo listener {} threw {}; it is ignored, and further failures of it are not logged",
            listener.getClass().getName(), e.getClass().getName());
      }
    }
  }

  /** Several listeners of one call, in the order they were registered. */
  private static final class All implements CallListener {
    private final List<CallListener> listeners;

    All(List<CallListener> listeners) {
      this.listeners = List.copyOf(listeners);
    }

    @Override
    public void attemptStarted(PartooListener.AttemptStarted attempt, PartooListener.RequestHeaders headers) {
      listeners.forEach(listener -> listener.attemptStarted(attempt, headers));
    }

    @Override
    public void attemptEnded(PartooListener.AttemptEnded attempt) {
      listeners.forEach(listener -> listener.attemptEnded(attempt));
    }

    @Override
    public void callEnded(PartooListener.CallEnded call) {
      listeners.forEach(listener -> listener.callEnded(call));
    }
  }
}
