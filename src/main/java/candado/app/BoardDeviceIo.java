package candado.app;

import candado.board.Board;
import candado.board.Button;
import candado.board.ButtonListener;

/** The board HAL ({@code candado.board}) as the application's {@link DeviceIo}. */
public final class BoardDeviceIo implements DeviceIo {

    private final Board board;

    public BoardDeviceIo(Board board) {
        this.board = board;
    }

    public Board board() {
        return board;
    }

    public String name() {
        return board.name();
    }

    public int ledCount() {
        return board.ledCount();
    }

    public boolean isLedOn(int number) {
        return board.led(number).isOn();
    }

    public void setLed(int number, boolean on) {
        board.led(number).set(on);
    }

    public boolean isButtonPressed() {
        return board.button().isPressed();
    }

    public void onButtonPress(final Runnable action) {
        board.button().addListener(new ButtonListener() {
            public void pressed(Button button) {
                action.run();
            }

            public void released(Button button) {
            }
        });
    }
}
