package org.bcos.node.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bcos.consensus.Timeout;
import org.bcos.consensus.TimeoutKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consensus input log: what is appended reads back in order; a torn tail is dropped. */
class ConsensusWalTest {
  @TempDir Path dir;

  @Test
  void appendedInputsReadBackInOrderAndANewHeightReplacesTheLog() throws IOException {
    Path file = dir.resolve("consensus.wal");
    try (ConsensusWal wal = new ConsensusWal(file)) {
      assertTrue(wal.read().isEmpty());
      wal.begin(7);
      wal.append(new ConsensusWal.Message(new byte[] {2, 9, 9}));
      wal.append(new ConsensusWal.Proposed(1, new byte[] {5, 6}));
      wal.append(new ConsensusWal.Fired(new Timeout(TimeoutKind.PREVOTE, 7, 1)));
      wal.sync();
      List<ConsensusWal.Input> in = wal.read();
      assertEquals(4, in.size());
      assertEquals(new ConsensusWal.Start(7), in.get(0));
      assertArrayEquals(new byte[] {2, 9, 9}, ((ConsensusWal.Message) in.get(1)).wire());
      ConsensusWal.Proposed p = assertInstanceOf(ConsensusWal.Proposed.class, in.get(2));
      assertEquals(1, p.round());
      assertArrayEquals(new byte[] {5, 6}, p.value());
      assertEquals(new ConsensusWal.Fired(new Timeout(TimeoutKind.PREVOTE, 7, 1)), in.get(3));
      wal.begin(8);
      assertEquals(List.of(new ConsensusWal.Start(8)), wal.read());
    }
  }

  @Test
  void aTornLastRecordIsIgnoredAndAnUnknownRecordIsAnError() throws IOException {
    Path file = dir.resolve("consensus.wal");
    try (ConsensusWal wal = new ConsensusWal(file)) {
      wal.begin(3);
      wal.append(new ConsensusWal.Message(new byte[] {1, 2, 3, 4}));
    }
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 2)); // crash mid-append
    try (ConsensusWal wal = new ConsensusWal(file)) {
      assertEquals(List.of(new ConsensusWal.Start(3)), wal.read());
    }
    byte[] corrupt = whole.clone();
    corrupt[13] = 99; // the type byte of the second record
    Files.write(file, corrupt);
    try (ConsensusWal wal = new ConsensusWal(file)) {
      assertThrows(IOException.class, wal::read);
    }
  }
}
