"""A GNSS receiver on the laptop: NMEA 0183 from a serial or Bluetooth port, from gpsd on
this machine, or from a recorded log; fixes with their quality, and the rules that say
whether a fix may be used. Free of Textual: the UI runs `reader.GnssReader` in a thread
worker and turns its events into messages."""
