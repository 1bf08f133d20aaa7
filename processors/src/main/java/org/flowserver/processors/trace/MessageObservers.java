package org.flowserver.processors.trace;

import java.util.List;

/** Combines observers: each sees every event, in the order given. */
public final class MessageObservers {

    private MessageObservers() {
    }

    public static MessageObserver all(MessageObserver... observers) {
        List<MessageObserver> list = List.of(observers);
        return new MessageObserver() {
            @Override
            public void started(MessageTrace trace) {
                for (MessageObserver observer : list) {
                    observer.started(trace);
                }
            }

            @Override
            public void finished(MessageTrace trace) {
                for (MessageObserver observer : list) {
                    observer.finished(trace);
                }
            }
        };
    }
}
